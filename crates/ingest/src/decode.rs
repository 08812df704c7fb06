//! Bytes in any common encoding to UTF-8, without panicking on any input.
//!
//! Order of evidence: a byte-order mark, then an encoding declared by the transport
//! (HTTP header, JSONL field), then valid UTF-8, then a `<meta charset>` in the
//! first bytes of HTML, then UTF-16 recognised by its zero bytes, then a
//! statistical guess (chardetng). Binary data is refused rather than turned into
//! mojibake.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used ("UTF-8", "windows-1252", "Shift_JIS").
    pub encoding: &'static str,
    /// True when some bytes were invalid and replaced by U+FFFD.
    pub lossy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look like a binary file; the string says which kind when known.
    Binary(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(what) => write!(f, "binary data ({what}), not text"),
        }
    }
}

/// Decodes `bytes`; `declared` is an encoding label from outside the bytes.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(run(enc, &bytes[bom_len..]));
    }
    if let Some(kind) = magic_binary(bytes) {
        return Err(DecodeError::Binary(kind.to_string()));
    }
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        return Ok(run(enc, bytes));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(run(enc, bytes));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary("control bytes".to_string()));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(run(UTF_8, bytes));
    }
    if let Some(enc) = sniff_meta_charset(bytes) {
        return Ok(run(enc, bytes));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    Ok(run(detector.guess(None, true), bytes))
}

fn run(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, lossy) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        lossy,
    }
}

/// Finds `<meta charset=...>` or `content="...; charset=..."` in the first 1024
/// bytes, as browsers do.
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && (lower[i] == b' ' || lower[i] == b'=') {
            i += 1;
        }
        while i < lower.len() && (lower[i] == b'"' || lower[i] == b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page that declares UTF-16 in ASCII-compatible bytes is UTF-8.
                if enc == UTF_16LE || enc == UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_zero += 1;
            } else {
                odd_zero += 1;
            }
        }
    }
    let half = n / 2;
    if odd_zero * 10 > half * 4 && even_zero * 20 < half {
        Some(UTF_16LE)
    } else if even_zero * 10 > half * 4 && odd_zero * 20 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn magic_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip data"),
        (b"RIFF", "RIFF media"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// Text has almost no C0 control bytes besides tab, newline, carriage return and
/// form feed; binary data has many. Judged on the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 100 > head.len() * 2 || head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain() {
        let d = decode("Nicolás “Maduro”".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Nicolás “Maduro”");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_by_detection() {
        // “Díaz-Canel” said – in Windows-1252
        let bytes =
            b"\x93D\xEDaz-Canel\x94 said \x96 the president of Cuba, on Wednesday in Havana.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(
            d.text,
            "“Díaz-Canel” said – the president of Cuba, on Wednesday in Havana."
        );
    }

    #[test]
    fn latin1_declared() {
        let d = decode(b"Ch\xE1vez", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "Chávez");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "Gaza “genocide” – Nicolás";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, s);
        let mut be: Vec<u8> = Vec::new();
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, s);
        assert_eq!(decode(&le[2..], None).unwrap().text, s);
    }

    #[test]
    fn shift_jis_by_meta() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=\"shift_jis\"><p>東京</p>");
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.contains("東京"), "{}", d.text);
        assert_eq!(d.encoding, "Shift_JIS");
    }

    #[test]
    fn binary_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0IHDR", None).is_err());
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&junk, None).is_err());
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode(b"", None).unwrap().text, "");
    }
}
